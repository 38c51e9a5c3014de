import { DurableObject } from "cloudflare:workers";
import { DAY } from "@embudo/shared";

/**
 * How many people one network may start in a UTC day. A household or an office starts a few; a
 * script that mints a new browser id for every form does not get past the per-browser budget of
 * new emails (`NEW_EMAILS_PER_DAY`), so it comes back with new ids, from the same network. Past
 * it, an event that would start another person is refused. (An office where more than this many
 * new people fill forms in a day is the case it refuses: such leads belong in the CRM's import.)
 */
export const NEW_PEOPLE_PER_NETWORK = 20;

/**
 * The count of people one network started in one people space on one UTC day: one object per
 * space, network tag and day (`networkBudgetStub`), so one site's key spending it never keeps
 * another site's people out, which deletes itself once the day is over, so nothing about a network
 * outlives the day that counted it.
 */
export class NetworkBudgetObject extends DurableObject<Env> {
  /**
   * Spends one person of the day's budget, if one is left.
   * @param day the day counted (ms at 00:00 UTC), which the object's name holds too.
   */
  async spend(day: number): Promise<boolean> {
    const spent = (await this.ctx.storage.get<number>("spent")) ?? 0;
    if (spent >= NEW_PEOPLE_PER_NETWORK) return false;
    await this.ctx.storage.put("spent", spent + 1);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(day + DAY);
    return true;
  }

  /** The day is over: the count goes. */
  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
