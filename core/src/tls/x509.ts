// @peculiar/x509 loads tsyringe, which throws at load time unless the Reflect metadata API
// exists: load the polyfill first, and import the library only through this module.
import "reflect-metadata";

export * as x509 from "@peculiar/x509";
