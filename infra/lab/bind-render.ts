import { DEFAULT_TTL, type LabRecord, type LabZone } from "./zones";

/**
 * The lab zones as BIND 9 files, so the interop suite can check that our DNS clients and the
 * lab server agree with the reference implementation on the very same data.
 */

/** Absolute name in master-file syntax: the root stays ".", everything else gets its dot. */
const absolute = (name: string) => (name === "." ? "." : `${name}.`);

/** RFC 1035 5.1 <character-string>: quote, escape '"' and '\', and non-printables as \DDD. */
export function quoteCharacterString(text: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(text)) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString().padStart(3, "0")}`;
    else out += String.fromCharCode(byte);
  }
  return `"${out}"`;
}

function rdata(record: LabRecord): string {
  switch (record.type) {
    case "A":
    case "AAAA":
      return record.data;
    case "CNAME":
    case "NS":
      return absolute(record.data);
    case "SRV": {
      const { priority, weight, port, target } = record.data;
      return `${priority} ${weight} ${port} ${absolute(target)}`;
    }
    case "NAPTR": {
      const { order, preference, flags, services, regexp, replacement } = record.data;
      const strings = [flags, services, regexp].map(quoteCharacterString).join(" ");
      return `${order} ${preference} ${strings} ${absolute(replacement === "" ? "." : replacement)}`;
    }
    case "SOA": {
      const { mname, rname, serial, refresh, retry, expire, minimum } = record.data;
      return `${absolute(mname)} ${absolute(rname)} ${serial} ${refresh} ${retry} ${expire} ${minimum}`;
    }
    case "TXT":
      return record.data.map(quoteCharacterString).join(" ");
  }
}

/** RFC 1035 master file; owners are written absolute so $ORIGIN never changes their meaning. */
export function renderBindZone(zone: LabZone, defaultTtl = DEFAULT_TTL): string {
  const lines = [
    `; sipwatch lab zone ${zone.origin}: ${zone.description.replace(/\n/g, " ")}`,
    `$ORIGIN ${absolute(zone.origin)}`,
    `$TTL ${defaultTtl}`,
  ];
  // SOA first: BIND requires it at the top of a primary zone's data.
  const ordered = [...zone.records.filter((r) => r.type === "SOA"), ...zone.records.filter((r) => r.type !== "SOA")];
  for (const record of ordered) {
    const ttl = record.ttl === undefined ? "" : ` ${record.ttl}`;
    lines.push(`${absolute(record.name)}${ttl} IN ${record.type} ${rdata(record)}`);
  }
  return `${lines.join("\n")}\n`;
}

export interface NamedConfOptions {
  port: number;
  workDir: string;
  zones: LabZone[];
}

export const zoneFileName = (zone: LabZone) => `${zone.origin}.zone`;

/** Minimal named.conf for BIND 9.18: authoritative only, loopback only, everything in workDir. */
export function renderNamedConf({ port, workDir, zones }: NamedConfOptions): string {
  const dir = JSON.stringify(workDir);
  const inDir = (file: string) => JSON.stringify(`${workDir}/${file}`);
  return `options {
  directory ${dir};
  pid-file ${inDir("named.pid")};
  session-keyfile ${inDir("session.key")};
  managed-keys-directory ${dir};
  listen-on port ${port} { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  dnssec-validation no;
  notify no;
  // Like the lab server: no NS/glue on positive answers, so the two can be compared record by record.
  minimal-responses yes;
};

// No rndc channel: parallel test instances would all fight over 127.0.0.1#953.
controls { };

${zones.map((zone) => `zone ${JSON.stringify(zone.origin)} { type primary; file ${JSON.stringify(zoneFileName(zone))}; };`).join("\n")}
`;
}
