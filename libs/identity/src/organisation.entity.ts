import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AgencyKind } from '@app/subsidy-engine';

export type OrganisationKind = 'enterprise' | 'agency';

/** 单位核验: the staff check beyond the credit code (unchecked until staff look). */
export const ORGANISATION_CHECK_STATUSES = ['unchecked', 'verified', 'failed'] as const;
export type OrganisationCheckStatus = (typeof ORGANISATION_CHECK_STATUSES)[number];

/** An enterprise (用人单位) or an HR service organisation (人力资源服务机构). */
@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: OrganisationKind;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'credit_code', type: 'text' }) creditCode: string;
  @Column({ name: 'agency_kind', type: 'text', nullable: true }) agencyKind: AgencyKind | null;
  @Column({ name: 'check_status', type: 'text', default: 'unchecked' }) checkStatus: OrganisationCheckStatus;
  @Column({ name: 'checked_by', type: 'uuid', nullable: true }) checkedBy: string | null;
  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true }) checkedAt: Date | null;
  @Column({ name: 'check_note', type: 'text', nullable: true }) checkNote: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
