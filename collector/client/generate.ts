/**
 * Writes the collector's OpenAPI document (`client/openapi.json`) and the client's types
 * generated from it (`client/schema.d.ts`): `pnpm --filter @embudo/collector openapi`.
 * `src/openapi.node.test.ts` fails when either is stale.
 */
import { writeFileSync } from "node:fs";
import openapiTS, { astToString } from "openapi-typescript";
import { app } from "../src/app.ts";
import { DOCUMENT_INFO } from "../src/openapi.ts";

/** The document as `GET /openapi.json` serves it, formatted for review. */
export function documentText(): string {
  return `${JSON.stringify(app.getOpenAPI31Document(DOCUMENT_INFO), null, 2)}\n`;
}

/** The TypeScript types of every path and schema of `documentText()`. */
export async function schemaTypesText(document: string): Promise<string> {
  const types = astToString(await openapiTS(JSON.parse(document)));
  return `// Generated from openapi.json by \`pnpm --filter @embudo/collector openapi\`; do not edit.\n\n${types}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const document = documentText();
  writeFileSync(new URL("./openapi.json", import.meta.url), document);
  writeFileSync(new URL("./schema.d.ts", import.meta.url), await schemaTypesText(document));
  console.log("wrote client/openapi.json and client/schema.d.ts");
}
