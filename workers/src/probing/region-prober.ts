// Temporary, replaced by the pipeline branch: lets the api branch typecheck and run in workerd.
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

export class RegionProber extends DurableObject<Env> {}
