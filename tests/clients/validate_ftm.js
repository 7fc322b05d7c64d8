// tests/clients/validate_ftm.js: validates FollowTheMoney JSON lines with OpenSanctions' own
// library (@opensanctions/followthemoney) over the model file of ../shared/data/ftm/model/.
// The library refuses unknown schemata and properties; on top of it this checks what the model
// states but the library does not enforce: no abstract schema, required properties present,
// entity references resolve to an entity of the property's range, dates and countries valid.
// Usage: node validate_ftm.js MODEL_JSON ENTITIES_JSONL ; prints a JSON summary, exit 1 on errors.
const fs = require('fs');
const ftm = require('@opensanctions/followthemoney');

const [modelPath, entitiesPath] = process.argv.slice(2);
const modelData = JSON.parse(fs.readFileSync(modelPath, 'utf8'));
const model = new ftm.Model(modelData);
const countries = new Set(Object.keys(modelData.types.country.values));
const dateShape = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const errors = [];
const entities = new Map();
const schemata = {};
const lines = fs.readFileSync(entitiesPath, 'utf8').split('\n').filter((line) => line.length > 0);
lines.forEach((line, index) => {
  try {
    const raw = JSON.parse(line);
    const entity = model.getEntity(raw);  // throws on an unknown schema or property
    if (entity.schema.abstract) throw new Error(`abstract schema ${entity.schema.name}`);
    if (entities.has(entity.id)) throw new Error(`duplicate id ${entity.id}`);
    entities.set(entity.id, entity);
    schemata[entity.schema.name] = (schemata[entity.schema.name] || 0) + 1;
  } catch (error) {
    errors.push(`line ${index + 1}: ${error.message}`);
  }
});
for (const entity of entities.values()) {
  for (const name of entity.schema.required) {
    if (entity.getProperty(name).length === 0) errors.push(`${entity.id}: required property ${name} missing`);
  }
  for (const property of entity.getProperties()) {
    for (const value of entity.getProperty(property)) {
      const text = typeof value === 'string' ? value : value.id;
      if (property.type.name === 'entity') {
        const target = entities.get(text);
        if (!target) errors.push(`${entity.id}: ${property.name} refers to missing entity ${text}`);
        else if (!target.schema.isA(property.getRange())) {
          errors.push(`${entity.id}: ${property.name} must be a ${property.getRange().name}, not ${target.schema.name}`);
        }
      } else if (property.type.name === 'date' && !dateShape.test(text)) {
        errors.push(`${entity.id}: ${property.name} is not a date: ${text}`);
      } else if (property.type.name === 'country' && !countries.has(text)) {
        errors.push(`${entity.id}: ${property.name} is not a country code: ${text}`);
      }
    }
  }
}
console.log(JSON.stringify({ entities: entities.size, schemata, errors }));
process.exit(errors.length === 0 ? 0 : 1);
