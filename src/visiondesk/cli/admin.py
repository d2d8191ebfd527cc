"""``providers``, ``keys``, ``models`` and ``doctor``: looking after providers and their keys."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys

from visiondesk.cli.common import EXIT_FAILED, EXIT_OK, UsageError, load_store, resolve_provider, with_service

log = logging.getLogger(__name__)


def cmd_providers(args: argparse.Namespace) -> int:
    from visiondesk.config.providers import ModelConfig, ProviderConfig
    from visiondesk.core.request import ApiStyle

    store = load_store()
    if args.action == "list":
        default = store.default().id
        # Local OCR speaks no wire API: its row says "offline" (JSON: "api": null), not api=chat.
        rows = [{"id": p.id, "name": p.name, "base_url": p.base_url,
                 "api": None if p.is_local else str(p.api_style),
                 "models": [m.id for m in p.models], "default": p.id == default}
                for p in store.all()]
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            for row in rows:
                mark = "*" if row["default"] else " "
                api = f"api={row['api']}" if row["api"] else "offline"
                print(f"{mark} {row['id']:<14} {row['name']:<22} {row['base_url']:<34} {api}")
        return EXIT_OK
    if args.action == "add":
        provider = ProviderConfig(
            id=store.new_id(args.name), name=args.name, base_url=args.base_url,
            api_style=ApiStyle(args.api), models=tuple(ModelConfig(m) for m in args.model))
        # The default changes only when asked (--default), or for the first custom provider while
        # no default was ever chosen (Local OCR): adding a second relay never moves it silently.
        first_custom = not store.custom and store.default_id is None
        store.put(provider)
        if args.default or first_custom:
            store.default_id = provider.id
        store.save()
        print(f"Added {provider.name} (id {provider.id}) at {provider.api_root}. "
              f"Store its key with: visiondesk keys set {provider.id}")
        if store.default_id == provider.id:
            print(f"{provider.name} is now the default provider.")
        return EXIT_OK
    if args.action == "remove":
        removed = store.remove(args.name)
        store.save()
        print(f"Removed {removed.name}.")
        return EXIT_OK
    provider = store.find(args.name)
    store.default_id = provider.id
    store.save()
    print(f"{provider.name} is now the default provider.")
    return EXIT_OK


def cmd_keys(args: argparse.Namespace) -> int:
    from visiondesk.config import keys

    if args.action == "status":
        from visiondesk.session.keys import provider_variable

        status = keys.keyring_status()
        print(f"Keyring: {status.backend} ({'in use' if status.usable else 'NOT usable'})")
        if not status.usable:
            print(f"  {status.detail}")
        for provider in load_store().all():
            if provider.is_local:
                continue
            has = keys.stored_key(provider.id) is not None if status.usable else False
            variable = provider_variable(provider.id)
            where = "key stored" if has else "no key"
            if not has and os.environ.get(variable):
                where = f"key from {variable}"
            print(f"  {provider.id:<14} {where}")
        if os.environ.get(keys.ENV_KEY):
            print(f"  {keys.ENV_KEY} is set: used for --base-url runs and for the provider named "
                  "with --provider, when it has no stored key.")
        return EXIT_OK
    store = load_store()
    provider = store.find(args.name)
    if provider.is_local:
        raise UsageError("the local OCR provider needs no key")
    if args.action == "delete":
        deleted = keys.delete_key(provider.id)
        print(f"Deleted the key of {provider.name}." if deleted else f"{provider.name} had no stored key.")
        return EXIT_OK
    if sys.stdin.isatty():
        import getpass

        secret = getpass.getpass(f"API key for {provider.name}: ")
    else:
        secret = sys.stdin.read()
    keys.set_key(provider.id, secret)
    print(f"Saved the key of {provider.name} in the OS keyring.")
    if store.default_id is None:
        store.default_id = provider.id
        store.save()
        print(f"{provider.name} is now the default provider.")
    return EXIT_OK


def cmd_models(args: argparse.Namespace) -> int:
    if args.save and args.base_url:
        raise UsageError("--save needs a saved provider (--provider NAME), not --base-url")
    provider, key = resolve_provider(args)
    if provider.is_local:
        ids = [m.id for m in provider.models]
    else:
        ids = asyncio.run(with_service(lambda service: service.list_models(provider, key)))
    if args.json:
        print(json.dumps(ids, ensure_ascii=False))
    else:
        print("\n".join(ids) if ids else "(the server listed no models)")
    if args.save:
        if provider.is_local:
            raise UsageError("Local OCR's models are built in; there is nothing to save")
        store = load_store()
        store.put(store.with_models(provider, ids))
        store.save()
        print(f"Saved {len(ids)} models for {provider.name}.", file=sys.stderr)
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    from visiondesk.api.doctor import doctor_failed, run_doctor

    provider, key = resolve_provider(args)
    if provider.is_local:
        raise UsageError("doctor probes a server, and Local OCR (offline) has none; "
                         "name one with --provider NAME or --base-url URL")
    model = args.model or (provider.models[0].id if provider.models else None)
    checks = asyncio.run(with_service(lambda backend: run_doctor(backend, provider, key, model)))
    where = provider.api_root
    if provider.name != provider.api_root:
        where = f"{provider.name} at {where}"
    print(where + (f", model {model}" if model else ""))
    width = max(len(c.name) for c in checks)
    for check in checks:
        mark = {True: "ok  ", False: "FAIL", None: "--  "}[check.ok]
        print(f"  {mark} {check.name:<{width}}  {check.detail}")
    if doctor_failed(checks):
        print("visiondesk: no check succeeded" if model is None else
              f"visiondesk: {model} answered on neither API", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
