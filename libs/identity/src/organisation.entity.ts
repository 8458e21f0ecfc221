import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AgencyKind } from '@app/subsidy-engine';

export type OrganisationKind = 'enterprise' | 'agency';

/** An enterprise (用人单位) or an HR service organisation (人力资源服务机构). */
@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: OrganisationKind;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'credit_code', type: 'text' }) creditCode: string;
  @Column({ name: 'agency_kind', type: 'text', nullable: true }) agencyKind: AgencyKind | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
