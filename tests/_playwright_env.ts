/**
 * Set before `playwright-core` loads: its bundled `is-wsl` probes
 * `/proc/sys/fs/binfmt_misc/WSLInterop` when the module is evaluated, a
 * path Deno lets only `--allow-all` read. With `__IS_WSL_TEST__` set it
 * waits until asked, and Chromium on Linux never asks.
 * @module
 */
Deno.env.set("__IS_WSL_TEST__", "1");
