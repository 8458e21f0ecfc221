import { Inject, Injectable } from '@nestjs/common';
import { PolicyRegistry } from '@app/subsidy-engine';
import { POLICY_REGISTRY } from './policy-registry.provider';

/**
 * A measure's name as its pack writes it (岗位补贴, 一次性吸纳就业补贴（小微企业）…): the pack is the
 * one source, so a notification, a claim view and a roster all say what the policy says.
 */
@Injectable()
export class MeasureNames {
  private readonly names = new Map<string, string>();

  constructor(@Inject(POLICY_REGISTRY) registry: PolicyRegistry) {
    for (const pack of registry.list()) {
      for (const m of pack.measures) this.names.set(`${pack.id}|${m.id}`, m.name);
    }
  }

  /** The name of a claim's measure in its own pack (an adjustment's is the claim's it corrects). */
  of(c: { policyId: string; measure: string }): string {
    return this.names.get(`${c.policyId}|${c.measure}`) ?? c.measure;
  }
}
