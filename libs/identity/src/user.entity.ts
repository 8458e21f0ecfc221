import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Role } from '@app/platform';
import { Organisation } from './organisation.entity';

/**
 * A platform user. Personal data columns hold AES-256-GCM envelopes (see PiiCipher), never plain
 * text; `idNumberIndex` is the HMAC blind index with a UNIQUE constraint.
 */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ type: 'text' }) login: string;
  @Column({ name: 'password_hash', type: 'text', select: false }) passwordHash: string;
  @Column({ name: 'display_name', type: 'text' }) displayName: string;
  @Column({ name: 'mobile_enc', type: 'bytea', nullable: true }) mobileEnc: Buffer | null;
  @Column({ name: 'id_number_enc', type: 'bytea', nullable: true }) idNumberEnc: Buffer | null;
  @Column({ name: 'id_number_index', type: 'bytea', nullable: true }) idNumberIndex: Buffer | null;
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true }) organisationId: string | null;
  @ManyToOne(() => Organisation, { nullable: true })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Organisation | null;
  @Column({ name: 'township_code', type: 'text', nullable: true }) townshipCode: string | null;
  @Column({ name: 'token_version', type: 'int', default: 0 }) tokenVersion: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
