import fc from 'fast-check';
import { isBlankText, normaliseText, textProblem } from './text';
import { normaliseRequestInput } from '../errors/validation';
import { carriesSecret } from '../http/idempotency.interceptor';

describe('text rules', () => {
  it('refuses NUL, other C0 and C1 controls, DEL, bidi overrides and unpaired surrogates', () => {
    for (const bad of [
      'a\u0000b',
      '\u0001',
      'x\u001b[31m',
      '\u007f',
      '\u0085',
      'ab\u202e',
      '\u2066',
      '\ud800',
      'a\udc00',
    ]) {
      expect(textProblem(bad)).not.toBeNull();
    }
  });

  it('accepts ordinary text, tabs and line breaks, emoji and Chinese', () => {
    for (const good of ['稷山县', 'line one\nline two\r\n\tindented', '👩‍🔧 焊工', 'José', '']) {
      expect(textProblem(good)).toBeNull();
    }
  });

  it('trims white space (full-width included) and invisible characters, and writes NFC', () => {
    expect(normaliseText('\u3000\u200b  张伟 \ufeff')).toBe('张伟');
    expect(normaliseText('Jose\u0301')).toBe('José');
    expect(normaliseText('a \u200b b')).toBe('a \u200b b');
    expect(isBlankText('  \u200b\u3000\t\n')).toBe(true);
    expect(isBlankText(' x ')).toBe(false);
  });

  it('property: the text check finds every string with a NUL', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => textProblem(`${a}\u0000${b}`) !== null));
  });
});

describe('request input normalisation', () => {
  it('names each bad field by its path, trims the rest, keeps passwords as typed', () => {
    const problems: { field: string; message: string }[] = [];
    const body = {
      name: '  王芳 ',
      password: ' pass word ',
      items: [{ note: 'x\u0000' }],
      tags: ['  ', 'ok'],
    };
    const out = normaliseRequestInput(body, 'body', problems) as typeof body;
    expect(out.name).toBe('王芳');
    expect(out.password).toBe(' pass word ');
    expect(problems.map((p) => p.field)).toEqual(['items[0].note', 'tags[0]']);
  });

  it('drops blank query parameters (an empty search box) instead of refusing them', () => {
    const problems: { field: string; message: string }[] = [];
    const out = normaliseRequestInput({ q: '   ', township: ['', 'jifeng'] }, 'query', problems);
    expect(out).toEqual({ township: ['jifeng'] });
    expect(problems).toEqual([]);
  });

  it('refuses a blank password', () => {
    const problems: { field: string; message: string }[] = [];
    normaliseRequestInput({ password: '   ' }, 'body', problems);
    expect(problems.map((p) => p.field)).toEqual(['password']);
  });
});

describe('answers that are never stored for an Idempotency-Key replay', () => {
  it('spots credentials and plain ID numbers at any depth, not masked ones', () => {
    expect(carriesSecret({ accessToken: 'x' })).toBe(true);
    expect(carriesSecret({ user: { refreshToken: 'x' } })).toBe(true);
    expect(carriesSecret({ userId: 'u', idNumber: '140824199001010013' })).toBe(true);
    expect(carriesSecret({ idNumber: '140824**********13', name: '张伟' })).toBe(false);
    expect(carriesSecret([{ id: 1 }, { title: '焊工' }])).toBe(false);
  });
});
