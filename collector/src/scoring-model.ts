import { defaultModel, parseScoringModel, type ScoringModel } from "@embudo/shared";

const parsed = new Map<string, ScoringModel>();

/**
 * The scoring model this deployment scores with: `EMBUDO_MODEL` (a model document as JSON, see
 * shared/model/) when set, otherwise `default@1`. Events are stored raw, so changing the model
 * re-scores every visitor's whole history on its next event or read.
 */
export function loadScoringModel(raw: unknown): ScoringModel {
  if (raw === undefined || raw === null || raw === "") return defaultModel;
  const text = typeof raw === "string" ? raw : JSON.stringify(raw);
  let model = parsed.get(text);
  if (!model) {
    model = parseScoringModel(JSON.parse(text));
    parsed.set(text, model);
  }
  return model;
}
