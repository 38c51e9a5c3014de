import { defaultModel, parseScoringModel, type ScoringModel } from "@embudo/shared";

/** Parsed models by raw value: env values do not change within an isolate. */
const parsed = new Map<unknown, ScoringModel>();

/**
 * The scoring model this deployment scores with: `EMBUDO_MODEL` (a model document, as an object
 * or JSON text, see shared/model/) when set, otherwise `default@1`. Events are stored raw, so
 * changing the model re-scores every visitor's whole history on its next event or read.
 */
export function loadScoringModel(raw: unknown): ScoringModel {
  if (raw === undefined || raw === null || raw === "") return defaultModel;
  let model = parsed.get(raw);
  if (!model) {
    model = parseScoringModel(typeof raw === "string" ? JSON.parse(raw) : raw);
    parsed.set(raw, model);
  }
  return model;
}
