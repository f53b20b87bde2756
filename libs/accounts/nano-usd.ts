/**
 * Money in the ledger is counted in whole nano-dollars (1e-9 USD): sums of reservations and their
 * releases must come back to exactly zero, which floating-point dollars do not. Nine digits
 * resolve a single token of the cheapest model; Number stays exact up to $9 million.
 */
const NANO_PER_USD = 1e9;

/** A cost that must be covered: rounded up, so a reservation is never smaller than the cost. */
export const toNanoUsdCeil = (usd: number): number => Math.ceil(usd * NANO_PER_USD - 1e-6);

/** A cost that happened: rounded to the nearest nano-dollar. */
export const toNanoUsd = (usd: number): number => Math.round(usd * NANO_PER_USD);

export const fromNanoUsd = (nano: number): number => nano / NANO_PER_USD;
