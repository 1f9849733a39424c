#include "classifier/features.h"

namespace scamguard::classifier {

void extract_features(std::string_view text, const FeatureOptions& options,
                      std::vector<uint32_t>& out) {
  for_each_feature(text, options, [&](uint32_t bucket) { out.push_back(bucket); });
}

}  // namespace scamguard::classifier
