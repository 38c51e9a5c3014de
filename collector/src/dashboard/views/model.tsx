import type { ScoringModel } from "@embudo/shared";
import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { Page } from "../layout.tsx";

/** The scoring model in force, whole: every number and rule a stage comes from. */
export function ModelView(props: { model: ScoringModel }) {
  return (
    <Page title="Scoring model" active="model">
      <section>
        <p>
          In force: <strong>{props.model.id}</strong>. Set <code>EMBUDO_MODEL</code> to replace it; every lead is
          re-scored from its raw events under the new one.
        </p>
        <h2>Stage thresholds</h2>
        <pre>{JSON.stringify(props.model.stages, null, 2)}</pre>
        <details>
          <summary>The whole model: points, content stages, fit rules, disqualifiers, accounts</summary>
          <pre>{JSON.stringify(props.model, null, 2)}</pre>
        </details>
      </section>
    </Page>
  );
}

/** `GET /dashboard/model`: the model of the collector's configuration, which no API route serves. */
export const modelRoutes = new Hono<AppEnv>().get("/model", (c) => c.html(<ModelView model={c.var.config.model} />));
