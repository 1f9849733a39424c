// One function per subcommand; each takes the arguments after its name.
#pragma once

namespace scamguard::cli {

int run_scan(int argc, char** argv);
int run_explain(int argc, char** argv);
int run_eval(int argc, char** argv);
int run_symbols(int argc, char** argv);
int run_configtest(int argc, char** argv);
int run_train(int argc, char** argv);
int run_campaigns(int argc, char** argv);

}  // namespace scamguard::cli
