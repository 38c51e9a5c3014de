/**
 * The page a view shows instead of itself when the API refuses what it was asked (an unknown lead,
 * a period that is not one), with the API's status and the API's words.
 */
import { describeIssues } from "@embudo/shared";
import type { Context } from "hono";
import type { z } from "zod";
import type { Schema } from "../../client/index.ts";
import { href, Notice, Page, type ViewName } from "./layout.tsx";

/** Why a view cannot be shown: the status to answer with and what to say. */
export interface Refusal {
  status: number;
  message: string;
}

/**
 * The refusal of an API answer that carries no data. The typed client gives the error body as the
 * document declares it; the fallback is for an answer without one.
 */
export function refusedBy(answer: { error?: Schema<"Error"> | undefined; response: Response }): Refusal {
  const { status } = answer.response;
  return { status, message: answer.error?.error?.message ?? `the API answered ${status}` };
}

/**
 * The refusal of a value the browser sent that fails the API's own schema: the status and words
 * the API answers it with, without asking it (the typed client only takes values the API accepts).
 */
export function invalidInput(error: z.ZodError): Refusal {
  return { status: 400, message: describeIssues(error) };
}

/** A page saying what the API refused, with its status: an unknown lead is a 404 here too. */
export async function refusalPage(c: Context, refusal: Refusal, title: string, active: ViewName): Promise<Response> {
  const page = await c.html(
    <Page title={title} active={active}>
      <Notice tone="error">{refusal.message}</Notice>
      <p>
        <a href={href("")}>Back to the funnel</a>
      </p>
    </Page>,
  );
  // Hono types a status as one of the codes it names; the API's is passed on as it answered it.
  return new Response(page.body, { status: refusal.status, headers: page.headers });
}
