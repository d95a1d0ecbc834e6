/**
 * The pipeline's read of the dealer's listings: one page (cursor by id) with each listing's
 * publication on the connection and the database fingerprint of its payload's inputs
 * (fingerprint.ts). Plain SQL through node-postgres: Prisma's query compiler and row mapping cost
 * more CPU than the whole plan of an unchanged listing. Scoped by dealer and connection; a
 * connection that publishes only enrolled cars never sees the others (lib/publications/enrolment.ts).
 */
import type { ListingStatus, PublicationState } from "@/lib/generated/prisma/client";
import { sourceFingerprintSql } from "./fingerprint";
import { REMOVAL_SENT } from "./hash";
import type { PlanRow, PubRow } from "./plan";
import { syncPool } from "./pool";

/** Timestamps are stored as UTC `timestamp(3)`; read them as instants whatever the process's time zone. */
const utc = (column: string, as: string) => `${column} AT TIME ZONE 'UTC' AS "${as}"`;

// `same`: the listing's fingerprint equals the one stored with the payload last accepted and
// nothing is pending (`$5`: the run's plan key; null never matches). Such a listing is unchanged
// (plan.ts), so its content columns are not sent back.
const SQL = `
  SELECT l.id, l.reference, l.status, l.title, l.make, l.model, l.year, l.mileage, l.price, l.currency, l."fuelType",
    l."registrationNumber", l.vin, l."postalCode",
    CASE WHEN l.same THEN '{}'::text[] ELSE l.images END AS images,
    CASE WHEN l.same THEN '[]'::jsonb ELSE l.features END AS features,
    CASE WHEN l.same THEN '{}'::jsonb ELSE l.details END AS details,
    ${utc(`l."soldAt"`, "soldAt")}, ${utc(`l."updatedAt"`, "updatedAt")}, l.fp AS "sourceFingerprint", l.same AS "sameAsSent",
    p.id AS p_id, p.enabled AS p_enabled, p.state AS p_state, p."remoteId" AS p_remote_id, p."remoteIds" AS p_remote_ids,
    p."remoteStatus" AS p_remote_status, ${utc(`p."remoteUpdatedAt"`, "p_remote_updated_at")}, p."sentHash" AS p_sent_hash,
    p."sentSourceHash" AS p_sent_source_hash, ${utc(`p."sentAt"`, "p_sent_at")}, p."rejectedHash" AS p_rejected_hash,
    p."lastErrorCode" AS p_error_code, p."lastErrorMessage" AS p_error_message, p.warnings AS p_warnings,
    ${utc(`p."driftDetectedAt"`, "p_drift_at")}, p."overrideTitle" AS p_override_title,
    p."overrideDescription" AS p_override_description, p."overridePrice" AS p_override_price
  FROM (SELECT * FROM "Listing" WHERE "dealerId" = $1 AND ($3::text IS NULL OR id > $3)
    -- $7: the connection publishes every car; else only the enrolled ones (a publication row, on or off).
    AND ($7::boolean OR EXISTS (SELECT 1 FROM "Publication" e WHERE e."dealerId" = $1 AND e."listingId" = "Listing".id AND e."connectionId" = $2))
    ORDER BY id LIMIT $4) page
  -- One index look-up per listing of the page, whatever PostgreSQL's statistics say (a plain join
  -- can fall back to reading every publication of the connection for each page).
  LEFT JOIN LATERAL (
    SELECT * FROM "Publication" p WHERE p."dealerId" = page."dealerId" AND p."listingId" = page.id AND p."connectionId" = $2
  ) p ON true
  CROSS JOIN LATERAL (
    SELECT page.*, f.fp, (p."sentSourceHash" = $5::text || ':' || f.fp AND p."sentHash" IS NOT NULL AND p."sentHash" <> $6
      AND p.state NOT IN ('QUEUED', 'ERROR')) IS TRUE AS same
    FROM (SELECT ${sourceFingerprintSql("page", "p")} AS fp) f
  ) l
  ORDER BY l.id`;

type Raw = Omit<PlanRow, "pub"> & Record<`p_${string}`, unknown>;

function pubOf(r: Raw): PubRow | null {
  if (r.p_id === null) return null;
  return {
    id: r.p_id as string,
    enabled: r.p_enabled as boolean,
    state: r.p_state as PublicationState,
    remoteId: r.p_remote_id as string | null,
    remoteIds: r.p_remote_ids as PubRow["remoteIds"],
    remoteStatus: r.p_remote_status as string | null,
    remoteUpdatedAt: r.p_remote_updated_at as Date | null,
    sentHash: r.p_sent_hash as string | null,
    sentSourceHash: r.p_sent_source_hash as string | null,
    sentAt: r.p_sent_at as Date | null,
    rejectedHash: r.p_rejected_hash as string | null,
    lastErrorCode: r.p_error_code as string | null,
    lastErrorMessage: r.p_error_message as string | null,
    warnings: r.p_warnings as PubRow["warnings"],
    driftDetectedAt: r.p_drift_at as Date | null,
    overrideTitle: r.p_override_title as string | null,
    overrideDescription: r.p_override_description as string | null,
    // numeric arrives as text; the plan only reads it through toString().
    overridePrice: r.p_override_price as string | null,
  };
}

/**
 * Up to `limit` listings of the dealer after `afterId` (by id), with their publication on the
 * connection. With `planKey`, a listing whose fingerprint matches its publication's comes without
 * its content (images, features, details): the plan recognises it as unchanged without it.
 */
export async function listingPage(dealerId: string, connection: { id: string; publishesEveryCar: boolean }, afterId: string | null, limit: number, planKey: string | null = null): Promise<PlanRow[]> {
  const { rows } = await syncPool().query<Raw>(SQL, [dealerId, connection.id, afterId, limit, planKey, REMOVAL_SENT, connection.publishesEveryCar]);
  return rows.map((r) => {
    const row: PlanRow = {
      id: r.id, reference: r.reference, status: r.status as ListingStatus, title: r.title, make: r.make, model: r.model, year: r.year,
      mileage: r.mileage, price: r.price, currency: r.currency, fuelType: r.fuelType, registrationNumber: r.registrationNumber, vin: r.vin,
      postalCode: r.postalCode, images: r.images, features: r.features, details: r.details, soldAt: r.soldAt, updatedAt: r.updatedAt,
      sourceFingerprint: r.sourceFingerprint, sameAsSent: r.sameAsSent, pub: pubOf(r),
    };
    return row;
  });
}
