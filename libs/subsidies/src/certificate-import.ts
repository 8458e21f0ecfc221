import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { UserDirectory, UsersService } from '@app/identity';
import { SheetUnreadableError, readSheetRows } from '@app/jobs';
import { AuthUser, DomainError, type FieldProblem, JobName, OutboxService, Role } from '@app/platform';
import { todayInChina } from '@app/platform/validation';
import { SeekerProfiles } from '@app/seekers';
import {
  CERTIFICATE_SHEET_HEADERS,
  CertificateSheetRow,
  MAX_CERTIFICATE_ROWS,
  REQUIRED_CERTIFICATE_HEADERS,
  certificateRowOf,
} from './certificate-sheet';
import { SubsidySourceRepository, certificateKey } from './subsidy-source.repository';

/** One row of an import as the answer tells it. */
export interface ImportedCertificate {
  rowNumber: number;
  personUserId: string;
  /** The certificate's id: new, or the one recorded before. */
  id: string | null;
  status: 'recorded' | 'already-recorded';
}

export interface CertificateImportReport {
  rows: number;
  recorded: number;
  alreadyRecorded: number;
  certificates: ImportedCertificate[];
}

/**
 * A sheet of skill certificates (职业资格证书登记表) recorded at once: every row checked first —
 * cells, the person found by ID number (a registered seeker, in the staff's township), no row twice
 * — and then all of them in one transaction with their outbox rows and audit entries, or none when
 * any row is wrong (a 400 naming each `rows[N].列名`). A certificate recorded before (the same
 * sheet uploaded again) is reported and skipped, never recorded twice: the skill-upgrade subsidy
 * follows each new one without anyone applying.
 */
@Injectable()
export class ImportCertificates {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sources: SubsidySourceRepository,
    private readonly users: UsersService,
    private readonly directory: UserDirectory,
    private readonly seekers: SeekerProfiles,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async run(
    actor: AuthUser,
    input: Readable,
    fileName: string,
    requestId: string | null,
  ): Promise<CertificateImportReport> {
    const today = todayInChina();
    const problems: FieldProblem[] = [];
    const rows: { rowNumber: number; row: CertificateSheetRow }[] = [];
    let count = 0;
    try {
      for await (const record of readSheetRows(input, {
        fileName,
        knownHeaders: CERTIFICATE_SHEET_HEADERS,
        requiredHeaders: REQUIRED_CERTIFICATE_HEADERS,
      })) {
        if (++count > MAX_CERTIFICATE_ROWS) {
          throw DomainError.invalid('file', `最多${MAX_CERTIFICATE_ROWS}行，请分成几个表上传`);
        }
        const checked = certificateRowOf(record.values, today);
        if (checked.ok) rows.push({ rowNumber: record.rowNumber, row: checked.row });
        else {
          for (const p of checked.problems) {
            problems.push({ field: `rows[${record.rowNumber}].${p.column}`, message: p.message });
          }
        }
      }
    } catch (err) {
      if (err instanceof SheetUnreadableError) {
        throw new DomainError('certificate-import.unreadable', `file: ${err.message}`, 400, [
          { field: 'file', message: err.message },
        ]);
      }
      throw err;
    } finally {
      input.resume();
    }
    // @fastify/multipart ends a file over its size limit early and only flags it: never record a cut sheet.
    if ((input as Readable & { truncated?: boolean }).truncated) {
      throw new DomainError('import.file-too-large', 'file: larger than the upload limit', 413, [
        { field: 'file', message: 'larger than the upload limit' },
      ]);
    }
    if (count === 0) throw DomainError.invalid('file', '表中没有数据行');

    const people = await this.users.seekersByIdNumbers(rows.map((r) => r.row.idNumber));
    const userIds = [...new Set([...people.values()].map((p) => p.userId))];
    const profiles = await this.seekers.records(userIds);
    const summaries = await this.directory.summaries(userIds);
    const townshipOf = (userId: string) =>
      profiles.get(userId)?.townshipCode ?? summaries.get(userId)?.townshipCode ?? null;
    const firstRow = new Map<string, number>();
    const planned: {
      rowNumber: number;
      personUserId: string;
      township: string | null;
      row: CertificateSheetRow;
    }[] = [];
    for (const { rowNumber, row } of rows) {
      const person = people.get(row.idNumber);
      const at = (column: string, message: string) =>
        problems.push({ field: `rows[${rowNumber}].${column}`, message });
      if (!person) {
        at('身份证号', '没有以此身份证号登记的求职者，请先登记求职者');
        continue;
      }
      const township = townshipOf(person.userId);
      if (actor.role === Role.Staff && actor.townshipCode && township !== actor.townshipCode) {
        at('身份证号', '此人不在本乡镇，请由其所在乡镇或县就业服务中心登记');
        continue;
      }
      const key = certificateKey({ personUserId: person.userId, ...row });
      const earlier = firstRow.get(key);
      if (earlier !== undefined) {
        at('身份证号', `与第${earlier}行是同一张证书`);
        continue;
      }
      firstRow.set(key, rowNumber);
      planned.push({ rowNumber, personUserId: person.userId, township, row });
    }
    if (problems.length > 0) {
      problems.sort((a, b) => rowOf(a.field) - rowOf(b.field));
      throw new DomainError(
        'certificate-import.invalid-rows',
        `${new Set(problems.map((p) => rowOf(p.field))).size}行有误，未登记任何证书：` +
          problems
            .slice(0, 20)
            .map((p) => `${p.field} ${p.message}`)
            .join('；'),
        400,
        problems,
      );
    }

    return this.dataSource.transaction(async (m) => {
      const inserted = await this.sources.insertCertificates(
        m,
        planned.map((p) => ({
          personUserId: p.personUserId,
          level: p.row.level,
          occupation: p.row.occupation,
          certificateNo: p.row.certificateNo,
          issuedOn: p.row.issuedOn,
          issuingBody: p.row.issuingBody,
          insuredMonths: p.row.insuredMonths,
          receivingUnemploymentBenefit: p.row.receivingUnemploymentBenefit,
          townshipCode: p.township,
          recordedBy: actor.id,
        })),
      );
      const fresh = planned.filter((p) =>
        inserted.has(certificateKey({ personUserId: p.personUserId, ...p.row })),
      );
      const idOf = (p: (typeof planned)[number]) =>
        inserted.get(certificateKey({ personUserId: p.personUserId, ...p.row })) as string;
      await this.outbox.addMany(
        m,
        JobName.CertificateRecorded,
        fresh.map((p) => ({ certificateId: idOf(p) })),
      );
      await this.audit.recordMany(
        fresh.map((p) => ({
          actorId: actor.id,
          actorRole: actor.role,
          action: 'certificate.record',
          targetType: 'skill-certificate',
          targetId: idOf(p),
          requestId,
          details: { level: p.row.level, issuedOn: p.row.issuedOn, sheet: fileName, rowNumber: p.rowNumber },
          townshipCodes: [p.township],
        })),
        m,
      );
      const existing =
        planned.length > fresh.length
          ? await this.sources.certificatesOfPersons(
              planned.map((p) => p.personUserId),
              m,
            )
          : [];
      const existingIds = new Map(existing.map((c) => [certificateKey(c), c.id]));
      const certificates = planned.map((p): ImportedCertificate => {
        const key = certificateKey({ personUserId: p.personUserId, ...p.row });
        const id = inserted.get(key);
        return id
          ? { rowNumber: p.rowNumber, personUserId: p.personUserId, id, status: 'recorded' }
          : {
              rowNumber: p.rowNumber,
              personUserId: p.personUserId,
              id: existingIds.get(key) ?? null,
              status: 'already-recorded',
            };
      });
      return {
        rows: planned.length,
        recorded: fresh.length,
        alreadyRecorded: planned.length - fresh.length,
        certificates,
      };
    });
  }
}

const rowOf = (field: string) => Number(/^rows\[(\d+)\]/.exec(field)?.[1] ?? 0);
