// Temporary, replaced by the pipeline branch: lets the api branch typecheck and run in workerd.
import type { Env } from "../env";

export async function runScheduled(_env: Env, _scheduledTime: number, _ctx: ExecutionContext): Promise<void> {}
