/**
 * Shared by the BLE strap decoder and the RR-file reader (`signal/rrFile.ts`).
 *
 * What a human heart can do, as limits for judging what a strap reports. A value outside them is
 * not a measurement (a strap without skin contact sends HR 0; a saturated RR reads 0xFFFF = 64 s);
 * it is flagged and counted, never turned into a beat or shown as a heart rate.
 *
 * Physiological basis:
 * - HR ceiling 300 bpm: the highest sinus rate of an adult is about 208 - 0.7 x age bpm (Tanaka,
 *   Monahan & Seals, J Am Coll Cardiol 2001; ~200 bpm at 20), a newborn's awake rate reaches about
 *   200 bpm, and 1:1 conducted atrial flutter - about the fastest regular rhythm - runs near 300.
 *   A strap average above that is an artefact.
 * - HR floor 20 bpm: resting rates of endurance athletes go down to the high 20s, and a pause of
 *   3 s or more is the usual threshold for calling a sinus pause pathological; a strap
 *   *average* of less than 20 bpm (3 s per beat) in a person sitting at a computer is not real.
 *   HR 0 is what straps send while they have no contact.
 * - RR floor 200 ms (= 300 bpm, the HR ceiling above): the ventricles' refractory period (about
 *   200-300 ms) makes shorter intervals between conducted beats impossible.
 * - RR ceiling 6000 ms (10 bpm): a single pause longer than about 3 s is pathological, but a strap
 *   that misses one or several beats (poor contact) reports their sum, and that is an artefact the
 *   RR cleaner corrects, not a timing fault; 6 s covers several missed beats at a low rate (and
 *   is the limit `signal/rrFile.ts` applies to imported files, where a longer interval is read as a
 *   gap between two segments). Anything longer cannot be a heart's interval and would shift every
 *   later beat.
 * - RR = 0 carries no interval at all (not a beat); it is dropped on its own, without a gap,
 *   because it adds nothing to the RR sum and so cannot shift the timeline.
 */

export const HR_PLAUSIBLE_MIN_BPM = 20
export const HR_PLAUSIBLE_MAX_BPM = 300
export const RR_PLAUSIBLE_MIN_MS = 200
export const RR_PLAUSIBLE_MAX_MS = 6000

export const isPlausibleHrBpm = (hrBpm: number): boolean =>
  hrBpm >= HR_PLAUSIBLE_MIN_BPM && hrBpm <= HR_PLAUSIBLE_MAX_BPM

export const isPlausibleRrMs = (rrMs: number): boolean =>
  rrMs >= RR_PLAUSIBLE_MIN_MS && rrMs <= RR_PLAUSIBLE_MAX_MS
