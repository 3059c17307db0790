/**
 * wrangler dev does not fire cron triggers by itself; this fires the every-minute trigger at
 * the start of each minute through `--test-scheduled`'s `/__scheduled` route, as Cloudflare would.
 */
export function startCronTicker(workerUrl: string, log: (line: string) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const tick = async () => {
    const response = await fetch(`${workerUrl}/__scheduled?cron=${encodeURIComponent("* * * * *")}`).catch(
      (error: Error) => error,
    );
    if (response instanceof Error) log(`cron: ${response.message}`);
    else if (!response.ok) log(`cron: the scheduled handler answered ${response.status}`);
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(
      () => {
        void tick().finally(schedule);
      },
      60_000 - (Date.now() % 60_000) + 200,
    );
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
