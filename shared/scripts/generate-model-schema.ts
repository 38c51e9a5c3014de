/** Writes model/scoring-model.schema.json from the zod schema (run: pnpm --filter @embudo/shared schema). */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { scoringModelJsonSchemaText } from "../src/scoring/model.ts";

const target = fileURLToPath(new URL("../model/scoring-model.schema.json", import.meta.url));
writeFileSync(target, scoringModelJsonSchemaText());
console.log(`wrote ${target}`);
