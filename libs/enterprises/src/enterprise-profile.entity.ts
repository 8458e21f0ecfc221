import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { EmployerSize } from '@app/subsidy-engine';

/** The profile of an enterprise (用人单位档案), keyed by its identity organisation. */
@Entity('enterprise_profiles')
export class EnterpriseProfile {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' }) organisationId: string;
  /** 单位规模: decides which subsidies an enterprise may claim. */
  @Column({ type: 'text', nullable: true }) size: EmployerSize | null;
  @Column({ type: 'text', nullable: true }) industry: string | null;
  @Column({ name: 'township_code', type: 'text', nullable: true }) townshipCode: string | null;
  @Column({ type: 'text', nullable: true }) address: string | null;
  @Column({ name: 'contact_name', type: 'text', nullable: true }) contactName: string | null;
  @Column({ name: 'contact_phone', type: 'text', nullable: true }) contactPhone: string | null;
  /** 重点企业 */
  @Column({ name: 'is_key', type: 'boolean', default: false }) isKey: boolean;
  /** 人社服务专员: the staff user who looks after this enterprise. */
  @Column({ name: 'commissioner_user_id', type: 'uuid', nullable: true }) commissionerUserId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
