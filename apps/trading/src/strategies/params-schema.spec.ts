import { resolveParams, schemaProblems, type ParamsSchema } from './params-schema';

const schema: ParamsSchema = {
  fast: { type: 'integer', default: 20, min: 2, max: 200 },
  mode: { type: 'string', default: 'long', enum: ['long', 'short'] },
  useStop: { type: 'boolean', default: false },
};

describe('params schema', () => {
  it('applies defaults and accepts values inside the schema', () => {
    expect(resolveParams(schema, { fast: 10 })).toEqual({ fast: 10, mode: 'long', useStop: false });
  });

  it.each([
    [{ fast: 1 }, /fast: value 1 is below the minimum 2/],
    [{ fast: 2.5 }, /fast: value 2.5 is not an integer/],
    [{ mode: 'both' }, /mode: value "both" is not one of long, short/],
    [{ useStop: 'yes' }, /useStop: value "yes" is not a boolean/],
    [{ slow: 50 }, /unknown parameter "slow"/],
  ])('refuses %j with 422 naming the parameter', (given, message) => {
    expect(() => resolveParams(schema, given)).toThrow(message);
  });

  it('checks the schema itself', () => {
    expect(schemaProblems(schema)).toEqual([]);
    expect(schemaProblems({ 'bad name': { type: 'number', default: 1 } })).toEqual([expect.stringMatching(/identifiers/)]);
    expect(schemaProblems({ n: { type: 'integer', default: 500, max: 100 } })).toEqual([expect.stringMatching(/above the maximum/)]);
    expect(schemaProblems({ n: { type: 'decimal', default: 1 } })).toEqual([expect.stringMatching(/type must be one of/)]);
    expect(schemaProblems([])).toEqual([expect.stringMatching(/must be an object/)]);
  });
});
