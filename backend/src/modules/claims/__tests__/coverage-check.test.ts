// The coverage check's pure parts: when an underwriting exclusion (free text) may apply to a loss.
import { exclusionReason } from '../coverage-check';

describe('exclusionReason', () => {
  it('applies when the exclusion names the kind of loss, as a whole word', () => {
    expect(exclusionReason('Flood damage', 'water_damage')).toMatch(/names this kind of loss \(flood\)/);
    expect(exclusionReason('Flood damage', 'burglary')).toBeUndefined();
    expect(exclusionReason('Death by suicide in the first two years', 'death')).toBeDefined();
    // "firearms" is not "fire".
    expect(exclusionReason('Firearms', 'fire')).toBeUndefined();
  });

  it('applies when the description quotes the exclusion, whatever the case and spacing', () => {
    expect(exclusionReason('Hazardous sports.', 'accident', 'Fell while doing  HAZARDOUS sports abroad')).toMatch(/description mentions it/);
    expect(exclusionReason('Hazardous sports', 'accident', 'Slipped on ice')).toBeUndefined();
    expect(exclusionReason('   ', 'accident', 'anything')).toBeUndefined();
  });
});
