import { PolicyRegistry } from '@app/subsidy-engine';
import { loadPolicyRegistry } from '@app/subsidy-engine/load-policies.node';

/** The policy packs of `policies/` (or $POLICY_DIR), loaded and validated once at start-up. */
export const POLICY_REGISTRY = Symbol('POLICY_REGISTRY');

export const policyRegistryProvider = {
  provide: POLICY_REGISTRY,
  useFactory: (): PolicyRegistry => loadPolicyRegistry(),
};
