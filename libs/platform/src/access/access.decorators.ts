import { SetMetadata } from '@nestjs/common';

/** The roles of the platform's users. */
export enum Role {
  /** 求职者 job seeker */
  Seeker = 'seeker',
  /** 用人单位 member of one enterprise */
  Employer = 'employer',
  /** 人力资源服务机构 member of an HR service organisation */
  Agency = 'agency',
  /** 就业服务中心工作人员, optionally scoped to one township station */
  Staff = 'staff',
  Admin = 'admin',
}

export const IS_PUBLIC = 'access:public';
export const ROLES = 'access:roles';

/** The route answers without login. Every route must say either this or `@Roles(...)`. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The route needs a signed-in user with one of these roles. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);
