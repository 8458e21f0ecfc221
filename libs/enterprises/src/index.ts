export * from './enterprise-profile.entity';
export * from './enterprise.dto';
export * from './enterprise.service';
export * from './enterprise.controller';
export * from './enterprises.module';
