/** The configured bucket does not exist: an outage for the operator to fix (jobs retry), not a missing file. */
export class BucketMissingError extends Error {
  override name = "BucketMissingError";
  constructor(
    readonly bucket: string,
    endpoint: string,
    options?: ErrorOptions,
  ) {
    super(`the S3 bucket "${bucket}" does not exist at ${endpoint}; create it or fix S3_BUCKET`, options);
  }
}
