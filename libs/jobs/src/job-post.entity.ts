import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { fenTransformer } from '@app/platform';

/** draft → pending-review → published → closed / filled / expired (a rejected post goes back to draft). */
export const JOB_POST_STATUSES = [
  'draft',
  'pending-review',
  'published',
  'closed',
  'filled',
  'expired',
] as const;
export type JobPostStatus = (typeof JOB_POST_STATUSES)[number];
export const JOB_POST_STATUS_NAMES: Readonly<Record<JobPostStatus, string>> = {
  draft: '草稿',
  'pending-review': '待审核',
  published: '招聘中',
  closed: '已关闭',
  filled: '已招满',
  expired: '已过期',
};
/** Statuses in which a post is "open": the de-duplication index covers these. */
export const OPEN_STATUSES: readonly JobPostStatus[] = ['draft', 'pending-review', 'published'];

/** A job post (招聘岗位). Money is integer fen; 见习 posts have is_internship. */
@Entity('job_posts')
export class JobPost {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'employer_id', type: 'uuid' }) employerId: string;
  @Column({ type: 'text' }) title: string;
  /** 工种 */
  @Column({ type: 'text', nullable: true }) occupation: string | null;
  @Column({ type: 'int' }) headcount: number;
  @Column({ name: 'township_code', type: 'text', nullable: true }) townshipCode: string | null;
  @Column({ name: 'outside_province', type: 'text', nullable: true }) outsideProvince: string | null;
  @Column({ name: 'outside_city', type: 'text', nullable: true }) outsideCity: string | null;
  @Column({ name: 'outside_county', type: 'text', nullable: true }) outsideCounty: string | null;
  @Column({ name: 'place_text', type: 'text', default: '' }) placeText: string;
  @Column({ name: 'employment_type', type: 'text' }) employmentType: string;
  @Column({ name: 'is_internship', type: 'boolean', default: false }) isInternship: boolean;
  @Column({ name: 'wage_min_fen', type: 'bigint', nullable: true, transformer: fenTransformer })
  wageMinFen: number | null;
  @Column({ name: 'wage_max_fen', type: 'bigint', nullable: true, transformer: fenTransformer })
  wageMaxFen: number | null;
  @Column({ type: 'text', nullable: true }) education: string | null;
  @Column({ name: 'age_min', type: 'int', nullable: true }) ageMin: number | null;
  @Column({ name: 'age_max', type: 'int', nullable: true }) ageMax: number | null;
  @Column({ type: 'text', array: true, default: () => `'{}'` }) skills: string[];
  /** 福利待遇 */
  @Column({ type: 'text', array: true, default: () => `'{}'` }) benefits: string[];
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text', nullable: true }) requirements: string | null;
  @Column({ name: 'contact_name', type: 'text', nullable: true }) contactName: string | null;
  @Column({ name: 'contact_phone', type: 'text', nullable: true }) contactPhone: string | null;
  /** 截止日期, YYYY-MM-DD */
  @Column({ type: 'date', nullable: true }) deadline: string | null;
  @Column({ type: 'text', default: 'draft' }) status: JobPostStatus;
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
  @Column({ name: 'reject_reason', type: 'text', nullable: true }) rejectReason: string | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt: Date | null;
  @Column({ name: 'dedupe_key', type: 'text' }) dedupeKey: string;
  @Column({ type: 'text', default: 'manual' }) source: 'manual' | 'import';
  @Column({ name: 'import_id', type: 'uuid', nullable: true }) importId: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
