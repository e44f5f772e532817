import { partPlan } from './uploads.service';

describe('multipart part plan', () => {
  it('uses 8 MiB parts, growing them so no upload needs more than 10,000', () => {
    const MiB = 1024 * 1024;
    expect(partPlan(100)).toEqual({ partSize: 8 * MiB, partCount: 1 });
    expect(partPlan(8 * MiB + 1)).toEqual({ partSize: 8 * MiB, partCount: 2 });
    const huge = partPlan(5 * 1024 ** 4);
    expect(huge.partCount).toBeLessThanOrEqual(10_000);
    expect(huge.partSize % MiB).toBe(0);
  });
});
