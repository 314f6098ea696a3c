/** Mean Earth radius in km (IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;

/**
 * Great-circle distance in km between two points given in degrees (haversine formula, Sinnott 1984):
 * a = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2); d = 2R · asin(√a).
 * Example: Paris (48.8566, 2.3522) → Lyon (45.7640, 4.8357) ≈ 391.5 km.
 */
export function computeHaversineKm(latitudeA: number, longitudeA: number, latitudeB: number, longitudeB: number): number {
  const toRadians = Math.PI / 180;
  const dLat = (latitudeB - latitudeA) * toRadians;
  const dLon = (longitudeB - longitudeA) * toRadians;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(latitudeA * toRadians) * Math.cos(latitudeB * toRadians) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Euclidean distance; with `nearest-integer` rounding it is TSPLIB's EUC_2D nint(√(dx² + dy²)).
 * Example: (0,0) → (3, 4.4) = √28.36 = 5.3254…, EUC_2D 5.
 */
export function computeEuclideanDistance(ax: number, ay: number, bx: number, by: number, rounding: 'none' | 'nearest-integer' = 'none'): number {
  const value = Math.sqrt((ax - bx) ** 2 + (ay - by) ** 2);
  return rounding === 'nearest-integer' ? Math.floor(value + 0.5) : value;
}
