/** A client for the qualification API (design §5), as marketing ops or a CRM would use it. */

export type Stage = "anonymous" | "iql" | "mql" | "sql" | "disqualified";
export type ContentStage = "awareness" | "evaluation" | "decision";

/** One rule that gave or took points, with the event that triggered it. */
export interface Reason {
  rule: string;
  points: number;
  eventId?: string;
  at?: string;
  [more: string]: unknown;
}

/** A visitor's qualification, as `GET /v1/visitors/:id` answers it. */
export interface Qualification {
  visitorId: string;
  stage: Stage;
  score: { engagement: number; fit: number; byStage: Record<ContentStage, number> };
  intent: ContentStage | null;
  identity: Record<string, unknown>;
  counts: { sessions: number; contentViews: number; downloads: number; pricingViews: number; forms: number };
  reasons: Reason[];
  stageHistory: { stage: Stage; at: string; reason?: string }[];
  firstSeen: string;
  lastSeen: string;
  model: string;
}

export class QualificationApi {
  constructor(
    readonly baseUrl: string,
    readonly apiKey: string,
  ) {}

  /** The visitor's qualification, or `undefined` while the collector has never seen it (404). */
  async visitor(visitorId: string): Promise<Qualification | undefined> {
    const response = await this.get(`/v1/visitors/${encodeURIComponent(visitorId)}`);
    if (response.status === 404) return undefined;
    return (await this.json(response)) as Qualification;
  }

  /** `GET /v1/leads` with the given query. */
  async leads(query: Record<string, string> = {}): Promise<{ items: Qualification[]; nextCursor: string | null }> {
    return (await this.json(await this.get(`/v1/leads?${new URLSearchParams(query)}`))) as {
      items: Qualification[];
      nextCursor: string | null;
    };
  }

  private get(path: string): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { headers: { Authorization: `Bearer ${this.apiKey}` } });
  }

  private async json(response: Response): Promise<unknown> {
    const body = await response.text();
    if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${body}`);
    return JSON.parse(body);
  }
}
