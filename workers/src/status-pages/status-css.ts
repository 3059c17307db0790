/**
 * The status pages' one stylesheet, served from the Worker (the page's CSP allows styles from
 * its own origin only, never inline). Colours keep WCAG AA contrast in both schemes (axe checks).
 */
export const STATUS_PAGE_CSS = `:root{color-scheme:light dark;--bg:#ffffff;--fg:#1a1a1a;--muted:#555555;--card:#f4f5f7;--line:#d0d4da;--ok:#1b7a3a;--warn:#8a5a00;--bad:#b3261e;--maint:#3056a8;--none:#c4c8ce;--link:#1f4fb8;--focus:#1f4fb8}
@media (prefers-color-scheme:dark){:root{--bg:#15171a;--fg:#eceef1;--muted:#b4bac2;--card:#1f2227;--line:#3a3f46;--ok:#5cc27d;--warn:#e0b14a;--bad:#ff8a80;--maint:#8fb0ff;--none:#4a5059;--link:#9cbcff;--focus:#9cbcff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
a{color:var(--link)}
a:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--bg);padding:.5rem}
.skip:focus{left:.5rem}
.page-header,main,footer{max-width:52rem;margin:0 auto;padding:0 1rem}
.page-header{padding-top:1.5rem}
h1{font-size:1.75rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.now{border:1px solid var(--line);border-left:6px solid var(--none);border-radius:6px;padding:.25rem 1rem;background:var(--card)}
.now h2{margin-top:.5rem}
.now-ok{border-left-color:var(--ok)}.now-degraded{border-left-color:var(--warn)}.now-down{border-left-color:var(--bad)}.now-maintenance{border-left-color:var(--maint)}
.monitor,.incident{border:1px solid var(--line);border-radius:6px;padding:1rem;margin:0 0 1rem;background:var(--card)}
.state{font-size:.85rem;font-weight:600;border:1px solid currentColor;border-radius:999px;padding:0 .5rem}
.state-ok{color:var(--ok)}.state-degraded{color:var(--warn)}.state-down{color:var(--bad)}.state-maintenance{color:var(--maint)}.state-unknown{color:var(--muted)}
.phones{margin:.25rem 0 .75rem;padding-left:1.25rem}
.tone-ok::marker{color:var(--ok)}.tone-warn::marker{color:var(--warn)}.tone-bad::marker{color:var(--bad)}
.muted{color:var(--muted);margin:.25rem 0}
.bars{margin:0}
.bars svg{display:block;width:100%;height:2rem}
.bar-ok{fill:var(--ok)}.bar-degraded{fill:var(--warn)}.bar-down{fill:var(--bad)}.bar-none{fill:var(--none)}
.bars figcaption{display:flex;justify-content:space-between;color:var(--muted);font-size:.85rem}
details{margin:.5rem 0}
.phones-fine summary{color:var(--muted)}
table{border-collapse:collapse;margin-top:.5rem}
th,td{text-align:left;padding:.1rem 1rem .1rem 0;border-bottom:1px solid var(--line)}
.updates{padding-left:1.25rem}
.updates p{margin:.1rem 0 .5rem;white-space:pre-wrap;overflow-wrap:anywhere}
.maintenance li{margin-bottom:.5rem}
footer{padding-bottom:2rem;color:var(--muted)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;
