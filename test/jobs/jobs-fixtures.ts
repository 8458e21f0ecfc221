import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import * as ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import request from 'supertest';
import { creditCodeCheckChar } from '@app/platform/validation';
import { Role } from '@app/platform';
import { UsersService } from '@app/identity';

/** A valid 统一社会信用代码 (GB 32100 check character computed), unique per call. */
export function newCreditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '91140824';
  const bytes = randomBytes(9);
  for (let i = 0; i < 9; i++) body += alphabet[bytes[i] % alphabet.length];
  return body + creditCodeCheckChar(body);
}

export const SHEET_HEADERS = [
  '单位名称',
  '统一社会信用代码',
  '单位规模',
  '所属行业',
  '岗位名称',
  '工种',
  '招聘人数',
  '工作地点',
  '用工形式',
  '薪资下限',
  '薪资上限',
  '学历要求',
  '年龄要求',
  '技能要求',
  '岗位描述',
  '联系人',
  '联系电话',
  '截止日期',
];

export type SheetRow = Partial<Record<(typeof SHEET_HEADERS)[number], string>>;

export function goodRow(creditCode: string, overrides: SheetRow = {}): SheetRow {
  return {
    单位名称: '稷山县晋南机械有限公司',
    统一社会信用代码: creditCode,
    单位规模: '小型',
    所属行业: '制造业',
    岗位名称: '电焊工',
    工种: '焊工',
    招聘人数: '5',
    工作地点: '稷峰镇',
    用工形式: '全职',
    薪资下限: '4000',
    薪资上限: '6000',
    学历要求: '初中',
    年龄要求: '18-50',
    技能要求: '电焊、气割',
    岗位描述: '负责车间焊接',
    联系人: '王经理',
    联系电话: '13912345678',
    截止日期: '2099-12-31',
    ...overrides,
  };
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function sheetCsv(rows: SheetRow[], headers: string[] = SHEET_HEADERS): string {
  const lines = [headers.join(',')];
  for (const r of rows) lines.push(headers.map((h) => csvField(r[h] ?? '')).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function writeCsv(
  dir: string,
  name: string,
  rows: SheetRow[],
  encoding: 'utf-8' | 'gbk' = 'utf-8',
): string {
  const file = path.join(dir, name);
  const text = sheetCsv(rows);
  writeFileSync(file, encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8'));
  return file;
}

export async function writeXlsx(dir: string, name: string, rows: SheetRow[]): Promise<string> {
  const file = path.join(dir, name);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('岗位信息');
  ws.addRow(SHEET_HEADERS);
  for (const r of rows) ws.addRow(SHEET_HEADERS.map((h) => r[h] ?? ''));
  await wb.xlsx.writeFile(file);
  return file;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled CLI (`npm run build` first) against the suite's schema. */
export function runImportCli(args: string[]): Promise<CliResult> {
  const script = path.resolve(__dirname, '../../dist/scripts/jobs-import.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: process.env.DATABASE_URL,
        DATABASE_SCHEMA: process.env.DATABASE_SCHEMA,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let seq = 0;
function uniqueLogin(prefix: string): string {
  seq++;
  return `${prefix}${seq}${randomBytes(3).toString('hex')}`;
}

export interface Actor {
  token: string;
  userId: string;
  organisationId: string | null;
}

export async function registerEmployer(app: NestFastifyApplication, enterpriseName: string): Promise<Actor> {
  const res = await request(app.getHttpServer())
    .post('/api/v1/auth/register/employer')
    .send({
      login: uniqueLogin('emp'),
      password: 'correct horse 1',
      displayName: '王经理',
      mobile: '13912345678',
      enterpriseName,
      creditCode: newCreditCode(),
    })
    .expect(201);
  return {
    token: res.body.accessToken,
    userId: res.body.user.id,
    organisationId: res.body.user.organisationId,
  };
}

export async function registerSeeker(app: NestFastifyApplication): Promise<Actor> {
  const res = await request(app.getHttpServer())
    .post('/api/v1/auth/register/seeker')
    .send({
      login: uniqueLogin('seek'),
      password: 'correct horse 1',
      displayName: '李四',
      mobile: '13812345678',
    })
    .expect(201);
  return { token: res.body.accessToken, userId: res.body.user.id, organisationId: null };
}

export async function registerAgency(app: NestFastifyApplication): Promise<Actor> {
  const res = await request(app.getHttpServer())
    .post('/api/v1/auth/register/agency')
    .send({
      login: uniqueLogin('agy'),
      password: 'correct horse 1',
      displayName: '赵六',
      mobile: '13712345678',
      agencyName: '稷山县人力资源服务有限公司',
      creditCode: newCreditCode(),
      agencyKind: 'hr-firm',
    })
    .expect(201);
  return {
    token: res.body.accessToken,
    userId: res.body.user.id,
    organisationId: res.body.user.organisationId,
  };
}

/** Staff and admins are created by an admin or the CLI; here through the service, then signed in. */
export async function createPrivileged(
  app: NestFastifyApplication,
  role: Role.Staff | Role.Admin,
  townshipCode?: string,
): Promise<Actor> {
  const login = uniqueLogin(role);
  const user = await app.get(UsersService).createPrivileged(null, {
    role,
    login,
    password: 'correct horse 1',
    displayName: '工作人员',
    townshipCode,
  });
  const res = await request(app.getHttpServer())
    .post('/api/v1/auth/login')
    .send({ login, password: 'correct horse 1' })
    .expect(200);
  return { token: res.body.accessToken, userId: user.id, organisationId: null };
}
