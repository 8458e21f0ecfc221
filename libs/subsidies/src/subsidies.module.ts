import { Module } from '@nestjs/common';
import { PolicyCalculatorController } from './policy-calculator.controller';
import { POLICY_REGISTRY, policyRegistryProvider } from './policy-registry.provider';

/** Subsidies: the public calculator and the policy packs (claims after a hire come with the placements work). */
@Module({
  controllers: [PolicyCalculatorController],
  providers: [policyRegistryProvider],
  exports: [POLICY_REGISTRY],
})
export class SubsidiesModule {}
