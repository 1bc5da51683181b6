import type { Kysely, Transaction } from 'kysely';
import type { ImportPreset } from '../../../../../shared/contract/fileImport';
import { fieldDef, importKinds, importSourceLabels, type ImportSource } from '../../../../../shared/domain/importFields';
import { AppError } from '../../../../../shared/lib/result';
import type { HandlerContext } from '../../../context';
import type { DB, ImportPresetTable } from '../../../db/schema';
import { newRowMeta, touched } from '../../../rows';
import { refuseStaleSave } from '../../../staleSave';
import { presetMapping, presetPlaces } from '../../../db/jsonColumns';

// Named column mappings (import_presets): next quarter's file from the same source maps itself.

type Db = Kysely<DB> | Transaction<DB>;
type Mapping = Record<string, string | null>;
type Places = Record<string, string>;

type PresetRow = Pick<ImportPresetTable, 'id' | 'kind' | 'name' | 'mapping_json' | 'updated_at'> & { version: number; places_json: string };

function toPreset(row: PresetRow): ImportPreset {
  return {
    id: row.id,
    kind: row.kind as ImportSource,
    name: row.name,
    mapping: presetMapping.decode(row.mapping_json),
    places: presetPlaces.decode(row.places_json),
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function listPresets(db: Db, kind: ImportSource): Promise<ImportPreset[]> {
  const rows = await db
    .selectFrom('import_presets')
    .select(['id', 'kind', 'name', 'mapping_json', 'places_json', 'updated_at', 'version'])
    .where('kind', '=', kind)
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map(toPreset);
}

export async function getPreset(db: Db, id: string): Promise<ImportPreset | null> {
  const row = await db
    .selectFrom('import_presets')
    .select(['id', 'kind', 'name', 'mapping_json', 'places_json', 'updated_at', 'version'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? toPreset(row) : null;
}

/** Keeps only fields this kind has (anything else means "ignore this column"). */
function cleanMapping(kind: ImportSource, mapping: Mapping): Mapping {
  const out: Mapping = {};
  // A national export's columns may read a field of any of its parts.
  const known = (field: string) => (kind === 'national' ? importKinds.some((k) => fieldDef(k, field)) : fieldDef(kind, field) !== undefined);
  for (const [header, field] of Object.entries(mapping)) out[header] = field !== null && known(field) ? field : null;
  return out;
}

/**
 * Creates the preset, or replaces the mapping of the one with the same name. `seen` is the version
 * of that preset the form loaded (null: the form knows of no preset by this name; undefined: a
 * script that writes unconditionally): a save over a preset someone saved since is refused.
 */
export async function savePreset(ctx: HandlerContext, kind: ImportSource, name: string, mapping: Mapping, seen?: number | null, places: Places = {}): Promise<ImportPreset> {
  // A national export is read by its own column names; its preset keeps the village/group mapping.
  const clean = kind === 'national' ? {} : cleanMapping(kind, mapping);
  // Only a national export has place names to map; sorted so the same mapping saves as the same JSON.
  const placesJson = JSON.stringify(kind === 'national' ? Object.fromEntries(Object.entries(places).sort(([a], [b]) => a.localeCompare(b))) : {});
  if (kind === 'national' && placesJson === '{}') throw new AppError('INVALID_INPUT', '预设里没有任何村组对应，请先在预览中为文件中的村、组指定对应后再保存预设');
  if (kind !== 'national' && Object.keys(clean).length === 0) throw new AppError('INVALID_INPUT', '预设里没有任何列，请先预览文件再保存预设');
  return ctx.mutate(async (tx, audit) => {
    const existing = await tx
      .selectFrom('import_presets')
      .selectAll()
      .where('kind', '=', kind)
      .where('name', '=', name)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    const json = JSON.stringify(clean);
    if (existing) {
      if (existing.mapping_json !== json || existing.places_json !== placesJson) {
        const edited = [
          ...(existing.mapping_json !== json ? [{ path: 'mapping', label: '列对应' }] : []),
          ...(existing.places_json !== placesJson ? [{ path: 'places', label: '村组对应' }] : []),
        ];
        await refuseStaleSave(tx, existing, seen, ctx.clock.now(), edited);
        await tx.updateTable('import_presets').set({ mapping_json: json, places_json: placesJson, ...touched(ctx) }).where('id', '=', existing.id).execute();
        await audit.record({
          entity: 'import_preset',
          entityId: existing.id,
          summary: `修改导入预设“${name}”（${importSourceLabels[kind]}）`,
          before: { mapping: presetMapping.decode(existing.mapping_json), places: presetPlaces.decode(existing.places_json) },
          after: { mapping: clean, places: presetPlaces.decode(placesJson) },
        });
      }
      const row = await tx.selectFrom('import_presets').selectAll().where('id', '=', existing.id).executeTakeFirstOrThrow();
      return toPreset(row);
    }
    const meta = await newRowMeta(ctx);
    await tx.insertInto('import_presets').values({ ...meta, kind, name, mapping_json: json, places_json: placesJson }).execute();
    await audit.record({
      entity: 'import_preset',
      entityId: meta.id,
      summary: `保存导入预设“${name}”（${importSourceLabels[kind]}，${Object.values(clean).filter((f) => f !== null).length} 列）`,
      before: null,
      after: { kind, name, mapping: clean, places: presetPlaces.decode(placesJson) },
    });
    return toPreset({ id: meta.id, kind, name, mapping_json: json, places_json: placesJson, updated_at: meta.updated_at, version: 1 });
  });
}
