# lit configuration for testdata/: rule cases (`%check-rule`) and driver
# tests. See README.md in this folder for how to write a case.
import os

import lit.formats

config.name = "leash"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "tools", "README.md"]

tools = os.path.join(config.test_source_root, "tools")
config.substitutions.append(("%leash", config.leash))
config.substitutions.append(
    ("%clang-tidy-plugin", "%s --load=%s" % (config.clang_tidy, config.leash_plugin)))
config.substitutions.append(
    ("%check-rule",
     "%s %s --leash %s --clang-tidy %s --plugin %s --filecheck %s --include %s"
     % (config.python, os.path.join(tools, "check-rule.py"), config.leash,
        config.clang_tidy, config.leash_plugin, config.filecheck,
        config.vocabulary_include)))
config.substitutions.append(
    ("%make-compile-db", "%s %s" % (config.python, os.path.join(tools, "make-compile-db.py"))))
config.substitutions.append(
    ("%plant-bug", "%s %s --kernel-build %s"
     % (config.python, os.path.join(tools, "plant-bug.py"), config.kernel_build_dir)))
config.substitutions.append(
    ("%lsp-session", "%s %s" % (config.python, os.path.join(tools, "lsp-session.py"))))
config.substitutions.append(
    ("%expect-status", "%s %s" % (config.python, os.path.join(tools, "expect-status.py"))))
config.substitutions.append(
    ("%test-crash-module",
     os.path.join(config.test_exec_root, "libleash_test_crashing_check.so")))
config.substitutions.append(
    ("%fake-tidy-host",
     os.path.join(config.test_exec_root, "leash_test_fake_tidy_host")))
config.substitutions.append(("%plugin-library", config.leash_plugin))
config.substitutions.append(("%kernel-build", config.kernel_build_dir))
config.substitutions.append(("%kernel-source", config.kernel_source_dir))
config.substitutions.append(("%vocabulary", config.vocabulary_include))

# Tests see the same environment a user's shell would, minus CI markers that
# change what leash prints.
# FileCheck and not come from LLVM 16's tool directory, first on PATH.
config.environment["PATH"] = os.pathsep.join(
    [os.path.dirname(config.filecheck), os.environ.get("PATH", "")])
config.environment.pop("CI", None)
