import { PhonePredictionSchema } from "@sipwatch/core/contract";

/** What each modelled phone does: core's schema (core/src/contract/phone-prediction.ts), named for the API document. */
export const PhoneProfileSchema = PhonePredictionSchema.openapi("PhoneProfile");
