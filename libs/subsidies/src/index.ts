export * from './policy-registry.provider';
export * from './subsidies.module';
