import { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DomainError, csvDocument, spreadsheetCell, spreadsheetText } from '@app/platform';
import { MaskedIdNumbers, OrganisationsService, UserDirectory } from '@app/identity';
import { MeasureNames } from './measure-names';
import { ClaimFilter, ClaimRecord, SubsidyClaimRepository } from './subsidy-claim.repository';

/** The most claims one roster lists (a county's month of one measure is a few hundred). */
export const ROSTER_MAX = 20_000;

const STATUS_NAMES: Record<string, string> = {
  'pending-review': '待审核',
  approved: '已审核',
  rejected: '未通过',
  paid: '已发放',
};
const KIND_NAMES: Record<string, string> = {
  employer: '用人单位',
  person: '个人',
  agency: '人力资源服务机构',
};

interface RosterLine {
  n: number;
  claim: ClaimRecord;
  measure: string;
  beneficiary: string;
  identifier: string;
}

const yuan = (fen: number | null) => (fen === null ? null : Math.round(fen) / 100);

/**
 * 补贴发放花名册: the claims of a filter (a measure and a month, typically) as a sheet for payment and
 * for the file: masked ID numbers (never the plain number), credit codes for organisations, a
 * totals row, and a sheet of the reasons behind each claim. Every text cell is written
 * formula-safe (csvCell, spreadsheetCell): names people typed never run in Excel.
 */
@Injectable()
export class ExportRoster {
  constructor(
    private readonly claims: SubsidyClaimRepository,
    private readonly people: UserDirectory,
    private readonly idNumbers: MaskedIdNumbers,
    private readonly organisations: OrganisationsService,
    private readonly names: MeasureNames,
  ) {}

  private async lines(filter: ClaimFilter): Promise<RosterLine[]> {
    const rows = await this.claims.all(filter, ROSTER_MAX + 1);
    if (rows.length > ROSTER_MAX) {
      // A roster is a document someone signs: never a silently cut one.
      throw DomainError.invalid('measure', `more than ${ROSTER_MAX} claims: narrow by measure and period`);
    }
    const personIds = rows.filter((c) => c.beneficiaryKind === 'person').map((c) => c.beneficiaryId);
    const people = await this.people.summaries(personIds);
    const idNumbers = await this.idNumbers.of(personIds);
    const orgs = await this.organisations.byIds(
      rows.filter((c) => c.beneficiaryKind !== 'person').map((c) => c.beneficiaryId),
    );
    return rows.map((claim, i) => {
      const person = claim.beneficiaryKind === 'person' ? people.get(claim.beneficiaryId) : undefined;
      const org = claim.beneficiaryKind !== 'person' ? orgs.get(claim.beneficiaryId) : undefined;
      return {
        n: i + 1,
        claim,
        measure: this.names.of(claim),
        beneficiary: person?.displayName ?? org?.name ?? '',
        identifier: person ? (idNumbers.get(claim.beneficiaryId) ?? '') : (org?.creditCode ?? ''),
      };
    });
  }

  static readonly HEADERS = [
    '序号',
    '补贴项目',
    '政策条款',
    '所属期间',
    '受益对象类型',
    '受益对象',
    '身份证号/统一社会信用代码',
    '应享金额（元）',
    '核定金额（元）',
    '状态',
    '发放批次',
  ];

  /** The roster as CSV text (UTF-8 with BOM), and how many claims it lists. */
  async csv(filter: ClaimFilter): Promise<{ text: string; claims: number }> {
    const lines = await this.lines(filter);
    const totals = sums(lines);
    const text = csvDocument([
      ExportRoster.HEADERS,
      ...lines.map((l) => row(l)),
      ['合计', `${lines.length}笔`, '', '', '', '', '', totals.amount, totals.approved, '', ''],
    ]);
    return { text, claims: lines.length };
  }

  /** The roster as a workbook written to `out`; answers how many claims it lists. */
  async xlsx(filter: ClaimFilter, out: Writable): Promise<number> {
    const lines = await this.lines(filter);
    const wb = new ExcelJS.Workbook();
    wb.creator = '稷山县就业服务中心';
    const sheet = wb.addWorksheet('补贴发放花名册');
    sheet.addRow(ExportRoster.HEADERS).font = { bold: true };
    for (const l of lines) sheet.addRow(row(l).map(spreadsheetCell));
    const totals = sums(lines);
    const total = sheet.addRow([
      '合计',
      `${lines.length}笔`,
      '',
      '',
      '',
      '',
      '',
      totals.amount,
      totals.approved,
      '',
      '',
    ]);
    total.font = { bold: true };
    sheet.columns.forEach((c, i) => (c.width = [6, 22, 10, 10, 14, 28, 24, 14, 14, 8, 18][i]));
    for (const col of [8, 9]) sheet.getColumn(col).numFmt = '#,##0.00';

    const reasons = wb.addWorksheet('审核依据');
    reasons.addRow(['序号', '补贴项目', '受益对象', '条件', '是否满足', '说明']).font = { bold: true };
    for (const l of lines) {
      for (const r of l.claim.reasons) {
        reasons.addRow([
          l.n,
          spreadsheetText(l.measure),
          spreadsheetText(l.beneficiary),
          r.code,
          r.ok ? '是' : '否',
          spreadsheetText(r.text),
        ]);
      }
    }
    reasons.columns.forEach((c, i) => (c.width = [6, 22, 28, 26, 8, 60][i]));
    await wb.xlsx.write(out);
    return lines.length;
  }
}

function row(l: RosterLine): (string | number | null)[] {
  const c = l.claim;
  return [
    l.n,
    l.measure,
    c.clause,
    c.period === 'once' ? '一次性' : c.period,
    KIND_NAMES[c.beneficiaryKind] ?? c.beneficiaryKind,
    l.beneficiary,
    l.identifier,
    yuan(c.amountFen),
    yuan(c.approvedAmountFen),
    STATUS_NAMES[c.status] ?? c.status,
    c.paymentReference ?? '',
  ];
}

function sums(lines: RosterLine[]): { amount: number; approved: number } {
  let amount = 0;
  let approved = 0;
  for (const l of lines) {
    amount += l.claim.amountFen ?? 0;
    approved += l.claim.approvedAmountFen ?? 0;
  }
  return { amount: amount / 100, approved: approved / 100 };
}
