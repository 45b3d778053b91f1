// The shop files packaged with the extension (the demo shop, the reply packs, the after-sale
// guides), read as text for the wasm to check and use. `ownFile` reads one packaged file.

const SHOP_FILES = {
  "catalog.json": "data/shop/catalog.json",
  "promotions.json": "data/shop/promotions.json",
  "settings.json": "data/shop/settings.json",
  "zh-Hans.json": "data/packs/zh-Hans.json",
  "zh-Hant.json": "data/packs/zh-Hant.json",
};

export async function loadShopFiles(ownFile) {
  const entries = await Promise.all(Object.entries(SHOP_FILES).map(async ([name, path]) => [name, await ownFile(path)]));
  const guideNames = JSON.parse(await ownFile("data/guides/index.json"));
  const guides = await Promise.all(guideNames.map(async (name) => [name, await ownFile(`data/guides/${name}`)]));
  return { ...Object.fromEntries(entries), guides: Object.fromEntries(guides) };
}
