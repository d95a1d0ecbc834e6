export { okasieAdapter, createOkasieAdapter, BULK_LIMIT, SINCE_OVERLAP_MS } from "./adapter";
export { OkasieClient, okasieErrorCode, OKASIE_PRODUCTION_URL, TOKEN_REJECTED_MESSAGE } from "./client";
export { toWire, fromWire, STATUS_TO_OKASIE, OKASIE_TO_STATUS } from "./map";
export { okasieProblems, canonicalField } from "./rules";
export { budgetKeyFor } from "../pacer";
