export * from './seeker-profile.constants';
export * from './seeker-profile.rules';
export * from './seeker.dto';
export * from './seeker.service';
export * from './seeker.controller';
export * from './seeker-index.handler';
export * from './seekers.module';
