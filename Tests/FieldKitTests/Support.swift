import Foundation
import Testing

@testable import FieldKit
import FieldKitFixtures
