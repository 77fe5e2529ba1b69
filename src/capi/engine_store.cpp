// Configuration, engines and stores, and what deleting a store does to the
// objects still referenced from C.
#include "objects.hpp"

using namespace wasmcap::capi;

wasm_store_t::wasm_store_t(const wasmcap::Engine& e, const wasmcap::StoreLimits& limits)
    : engine(e),
      store(std::make_unique<wasmcap::Store>(e, limits)),
      anchor(std::make_shared<StoreAnchor>()) {
  anchor->store = this;
}

wasm_store_t::~wasm_store_t() {
  anchor->store = nullptr;
  // Detach every object first, so that handles deleted by finalizers (or
  // later, by the embedder) do not reach into this store any more.
  std::vector<Object*> detached(objects.begin(), objects.end());
  objects.clear();
  externObjects.clear();
  instanceObjects.clear();
  for (Object* object : detached) {
    object->store = nullptr;
    object->detaching = true;
  }
  for (Object* object : detached) object->finalizeHostInfo();
  for (Object* object : detached) {
    object->detaching = false;
    if (object->handles == 0) delete object;
  }
  // The functions go with the runtime store; only then their environments.
  store.reset();
  for (auto [env, finalizer] : funcEnvs) finalizer(env);
}

extern "C" {

wasm_config_t* wasm_config_new(void) { return new wasm_config_t; }
void wasm_config_delete(wasm_config_t* config) { delete config; }

wasm_engine_t* wasm_engine_new(void) { return new wasm_engine_t{wasmcap::Engine()}; }

wasm_engine_t* wasm_engine_new_with_config(wasm_config_t* config) {
  wasmcap::EngineConfig settings = config ? config->config : wasmcap::EngineConfig{};
  delete config;
  return new wasm_engine_t{wasmcap::Engine(settings)};
}

void wasm_engine_delete(wasm_engine_t* engine) { delete engine; }

// Stores share their engine, so an engine may be deleted before its stores.
wasm_store_t* wasm_store_new(wasm_engine_t* engine) {
  if (!engine) {
    setLastError("wasm_store_new: the engine is NULL");
    return nullptr;
  }
  return new wasm_store_t(engine->engine, wasmcap::StoreLimits{});
}

void wasm_store_delete(wasm_store_t* store) { delete store; }

// ---- wasmcap.h: configuration and limits ----

void wasmcap_config_consume_fuel(wasm_config_t* config, bool enable) {
  if (config) config->config.consumeFuel = enable;
}

void wasmcap_config_interruptible(wasm_config_t* config, bool enable) {
  if (config) config->config.interruptible = enable;
}

void wasmcap_store_limits_default(wasmcap_store_limits_t* out) {
  wasmcap::StoreLimits defaults;
  out->max_memory_bytes = defaults.maxMemoryBytes;
  out->max_table_elements = defaults.maxTableElements;
  out->max_call_depth = defaults.maxCallDepth;
  out->max_stack_bytes = defaults.maxStackBytes;
}

wasm_store_t* wasmcap_store_new_with_limits(wasm_engine_t* engine, const wasmcap_store_limits_t* limits) {
  if (!engine) {
    setLastError("wasmcap_store_new_with_limits: the engine is NULL");
    return nullptr;
  }
  wasmcap::StoreLimits settings;
  if (limits) {
    settings.maxMemoryBytes = limits->max_memory_bytes;
    settings.maxTableElements = limits->max_table_elements;
    settings.maxCallDepth = limits->max_call_depth;
    settings.maxStackBytes = limits->max_stack_bytes;
  }
  return new wasm_store_t(engine->engine, settings);
}

}  // extern "C"
