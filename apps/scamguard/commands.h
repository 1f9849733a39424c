// One function per subcommand; each takes the arguments after its name.
#pragma once

namespace scamguard::cli {

struct CommonOptions;

int run_scan(int argc, char** argv);
int run_explain(int argc, char** argv);
int run_eval(int argc, char** argv);
int run_symbols(int argc, char** argv);
int run_configtest(int argc, char** argv);
int run_configdump(int argc, char** argv);
int run_train(int argc, char** argv);
int run_campaigns(int argc, char** argv);
int run_gen_traffic(int argc, char** argv);

// `eval --loso`, after run_eval has parsed the options.
int run_eval_loso(const CommonOptions& options);

}  // namespace scamguard::cli
