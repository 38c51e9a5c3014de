import { UNSPACED } from "../spaces.ts";
import type { MetaChange, MetaField, ObjectState } from "./object-state.ts";

/**
 * What a person's or an account's object keeps of the name it was addressed by, which it cannot
 * read back: its email or domain, and its people space (`spaces.ts`). The space from before spaces
 * (`UNSPACED`) is kept as no space at all, as those objects always kept it.
 */
export class SpacedName {
  constructor(
    private readonly state: ObjectState,
    private readonly name: MetaField<string>,
    private readonly space: MetaField<string>,
  ) {}

  /** The name and its space; undefined before the object heard of them (or once it forgot them). */
  get(): { name: string; space: string } | undefined {
    const name = this.state.get(this.name);
    return name === undefined ? undefined : { name, space: this.state.get(this.space) ?? UNSPACED };
  }

  /** Keeps `name` in `space`; writes nothing when it is kept already. */
  remember(name: string, space: string): void {
    const known = this.get();
    if (known?.name === name && known.space === space) return;
    this.state.set(this.name.to(name), space === UNSPACED ? this.space.unset() : this.space.to(space));
  }

  /** The changes that forget both. */
  forgotten(): MetaChange[] {
    return [this.name.unset(), this.space.unset()];
  }
}
