// The metadata shim must be evaluated before @peculiar/x509 loads tsyringe: keep this order,
// and import the library only through this module.
import "./reflect-metadata";

export * as x509 from "@peculiar/x509";
