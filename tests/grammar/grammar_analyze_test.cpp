#include <catch2/catch.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/grammar.h"

namespace collat::grammar {
namespace {

TEST_CASE("the grammar has no left recursion and no loops without progress", "[grammar]") {
  // analyze<> prints each problem it finds and returns their number.
  CHECK(tao::pegtl::analyze<rules::file>() == 0);
  CHECK(tao::pegtl::analyze<rules::one_declaration>() == 0);
}

}  // namespace
}  // namespace collat::grammar
